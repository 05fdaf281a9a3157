import { LoadingState } from '@/app/components/loading-state';

export default function ActivityLoading() {
  return <LoadingState>Loading the activity…</LoadingState>;
}
