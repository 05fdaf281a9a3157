import { LoadingState } from '../../components/loading-state';

export default function ClassLoading() {
  return <LoadingState>Loading the class…</LoadingState>;
}
