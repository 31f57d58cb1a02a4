/**
 * Who runs the engine on this settings database. `owner`: this process; `monitor`: another process
 * (the service, or another console) holds the lease and this console only watches it; `none`: no engine here.
 */
export interface EngineInfo {
  role: 'owner' | 'monitor' | 'none';
  holder: EngineHolderView | null;
  /** Spanish sentence for the console's status line. */
  message: string;
}

export interface EngineHolderView {
  kind: 'console' | 'service' | 'cli';
  pid: number;
  host: string;
  version: string;
  since: string;
  heartbeatAt: string;
}
