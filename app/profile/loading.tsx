import { LoadingState } from '@/app/components/loading-state';

export default function ProfileLoading() {
  return <LoadingState>Loading your profile…</LoadingState>;
}
