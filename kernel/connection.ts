import { readFileSync } from 'node:fs';

/** The connection file Jupyter writes for a kernel: where to bind and how to sign. */
export interface ConnectionInfo {
  transport: string;
  ip: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  key: string;
  signature_scheme: string;
  kernel_name?: string;
}

const PORTS = ['shell_port', 'iopub_port', 'stdin_port', 'control_port', 'hb_port'] as const;

export function readConnectionFile(path: string): ConnectionInfo {
  let info: any;
  try {
    info = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read connection file ${path}: ${(error as Error).message}`);
  }
  for (const port of PORTS) {
    if (!Number.isInteger(info[port]) || info[port] < 0 || info[port] > 65535) {
      throw new Error(`connection file ${path}: ${port} must be an integer port in 0..65535, got ${info[port]}`);
    }
  }
  return { transport: 'tcp', ip: '127.0.0.1', key: '', signature_scheme: 'hmac-sha256', ...info };
}

export function endpoint(info: ConnectionInfo, port: number): string {
  return info.transport === 'ipc' ? `ipc://${info.ip}-${port}` : `${info.transport}://${info.ip}:${port}`;
}
