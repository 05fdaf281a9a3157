import type { MachineDescription } from '@/bench/measure/machine';
import type { PageResults } from '@/bench/pages/page-bench';
import type { ProfileSummary } from '@/bench/profile/cpu-profile-summary';
import type { Figure } from '@/bench/scenarios/scenario-types';
import type { PeerName } from '@/bench/servers/peers';

export interface ScenarioResult {
  name: string;
  models: string;
  parameters: Record<string, unknown>;
  figures: Figure[];
  notes: Partial<Record<PeerName, string[]>>;
  /** A server that failed the scenario, and why. */
  errors: Partial<Record<PeerName, string>>;
  /** How many runs the figures are the median of (1 when absent: older results). */
  runs?: number;
  /** All runs together. */
  seconds: number;
}

export interface TargetResult {
  scenario: string;
  target: string;
  /** null when it could not be judged (a figure missing). */
  met: boolean | null;
  detail: string;
  /** When missed: why, as far as profiling has found (`whyMissed`). */
  why?: string;
}

export interface RunResults {
  startedAt: string;
  durationSeconds: number;
  command: string;
  /** Runs of each scenario (their median is reported); 1 when absent (older results). */
  runs?: number;
  machine: MachineDescription & { loadAverageBefore: number[]; loadAverageAfter: number[] };
  peers: Partial<Record<PeerName, string>>;
  scaledDown: string[];
  scenarios: ScenarioResult[];
  pages?: PageResults | { error: string };
  targets: TargetResult[];
  profiles: Array<ProfileSummary & { what: string }>;
}
