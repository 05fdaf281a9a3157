import { LoadingState } from '@/app/components/loading-state';

export default function ClassLoading() {
  return <LoadingState>Loading the class…</LoadingState>;
}
