import { ContenderName } from './contender';
import { openContender } from './contenders/open-contender';
import { AppendSettings, ContenderRun } from './results';
import { runAppendScenarios } from './run-scenarios';

/** What the coordinator sends a contender process, and what comes back. */
export interface ContenderJob {
  readonly contender: ContenderName;
  readonly url: string;
  readonly settings: AppendSettings;
}
export type ContenderReply = { readonly run: ContenderRun } | { readonly error: string };

/** A contender process: one contender, one database, every scenario; the result goes back over IPC. */
async function serve(job: ContenderJob): Promise<ContenderReply> {
  const contender = await openContender(job.contender, job.url);
  try {
    const log = (line: string) => console.log(`  ${job.contender}: ${line}`);
    return { run: await runAppendScenarios(contender, job.settings, log) };
  } finally {
    await contender.close();
  }
}

process.once('message', (job: ContenderJob) => {
  serve(job)
    .catch((error: unknown): ContenderReply => ({ error: (error as Error).stack ?? String(error) }))
    .then((reply) => process.send?.(reply, () => process.disconnect()));
});
