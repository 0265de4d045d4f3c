/**
 * The runner's kernel: the project's own clusterlab kernel, started by KERNEL's ZeroMQ client
 * (`kernel/client.ts`) in the notebook's folder, exactly as a Jupyter server would start it.
 */
import { describeExit, KernelClient, KernelExitedError, type ExecuteResult } from '../kernel/client';
import { IN_MEMORY } from '../kernel/history';
import { KernelDiedError, type KernelFactory, type KernelSession } from './runner';

export const startClusterlabKernel: KernelFactory = async ({ cwd, kernelName }) => {
  if (kernelName !== 'clusterlab') {
    throw new Error(`the notebook asks for kernel '${kernelName}'; the runner only starts the clusterlab kernel`);
  }
  // The notebooks' cells are not the user's typing: they stay out of the user's input history.
  const client = await KernelClient.start({ cwd, env: { ...process.env, CLUSTERLAB_HISTORY_FILE: IN_MEMORY } });
  const session: KernelSession = {
    async execute(code, onIopub) {
      let result: ExecuteResult;
      try {
        result = await client.execute(code, {
          // No cell may wait on a person: an input() prompt gets an empty answer.
          allowStdin: false,
          onOutput: (message) => onIopub({ msg_type: message.header.msg_type, content: message.content }),
          timeoutMs: 3_600_000,
        });
      } catch (error) {
        if (error instanceof KernelExitedError) throw new KernelDiedError(describeExit(error.exit));
        throw error;
      }
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
