import { fork } from 'node:child_process';

/** Runs `script` in its own Node process, sends it `job` over IPC and resolves with its one reply. */
export function runInChild<Job, Reply>(script: string, job: Job): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let reply: Reply | undefined;
    child.once('message', (message) => {
      reply = message as Reply;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (reply !== undefined) resolve(reply);
      else reject(new Error(`${script} ended without a reply (${signal ?? `exit code ${code}`})`));
    });
    child.send(job as object);
  });
}
