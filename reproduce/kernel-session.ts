/**
 * The runner's kernel: the project's own clusterlab kernel, started by KERNEL's ZeroMQ client
 * (`kernel/client.ts`) in the notebook's folder, exactly as a Jupyter server would start it.
 */
import { KernelClient } from '../kernel/client';
import type { KernelFactory, KernelSession } from './runner';

export const startClusterlabKernel: KernelFactory = async ({ cwd, kernelName }) => {
  if (kernelName !== 'clusterlab') {
    throw new Error(`the notebook asks for kernel '${kernelName}'; the runner only starts the clusterlab kernel`);
  }
  const client = await KernelClient.start({ cwd });
  const session: KernelSession = {
    async execute(code, onIopub) {
      const result = await client.execute(code, {
        // No cell may wait on a person: an input() prompt gets an empty answer.
        allowStdin: false,
        onOutput: (message) => onIopub({ msg_type: message.header.msg_type, content: message.content }),
        timeoutMs: 3_600_000,
      });
      const reply = result.reply.content;
      return {
        status: result.status,
        execution_count: result.executionCount,
        ename: reply.ename,
        evalue: reply.evalue,
        traceback: reply.traceback,
      };
    },
    shutdown: () => client.shutdown(),
  };
  return session;
};
