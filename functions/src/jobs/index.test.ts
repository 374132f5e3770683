import { SCHEDULES, serverlessFunctions } from '../../../infra/functions';
import { handler, jobs } from './index';

describe('the jobs function', () => {
  it('has a schedule for every job and a job for every schedule', () => {
    expect(Object.keys(SCHEDULES).sort()).toEqual(Object.keys(jobs).sort());
  });

  it('keeps every schedule deployed, and none on the local stack, which runs the jobs itself (scripts/start.ts)', () => {
    const schedulesOf = (functions: ReturnType<typeof serverlessFunctions>) =>
      Object.values(functions).flatMap((definition) =>
        definition.events.flatMap((event) => ('schedule' in event ? [event.schedule] : [])),
      );

    const deployed = schedulesOf(serverlessFunctions('prod'));
    const local = schedulesOf(serverlessFunctions('dev', { schedules: 'off' }));

    expect(deployed).toHaveLength(Object.keys(SCHEDULES).length);
    expect(deployed.filter((schedule) => schedule.enabled === false)).toEqual([]);
    expect(local).toHaveLength(Object.keys(SCHEDULES).length);
    expect(local.filter((schedule) => schedule.enabled !== false)).toEqual([]);
  });

  it('fails the invocation for an unknown job (so retries, the failure queue and the alarm hear of it)', async () => {
    await expect(handler({ job: 'mineBitcoin' } as never)).rejects.toThrow('Unknown job "mineBitcoin"');
    await expect(handler(undefined as never)).rejects.toThrow('Unknown job');
  });
});
