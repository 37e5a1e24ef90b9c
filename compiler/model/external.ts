import type { PortModel } from "./service";

export interface ExternalModel {
  readonly host: string;
  /** Sorted by port number. */
  readonly ports: readonly PortModel[];
  /** Canonical addresses; empty means resolved by DNS. */
  readonly addresses: readonly string[];
}
