import { LoadingState } from '../components/loading-state';

export default function ProfileLoading() {
  return <LoadingState>Loading your profile…</LoadingState>;
}
