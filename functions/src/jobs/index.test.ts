import { SCHEDULES } from '../../../infra/functions';
import { handler, jobs } from './index';

describe('the jobs function', () => {
  it('has a schedule for every job and a job for every schedule', () => {
    expect(Object.keys(SCHEDULES).sort()).toEqual(Object.keys(jobs).sort());
  });

  it('fails the invocation for an unknown job (so retries, the failure queue and the alarm hear of it)', async () => {
    await expect(handler({ job: 'mineBitcoin' } as never)).rejects.toThrow('Unknown job "mineBitcoin"');
    await expect(handler(undefined as never)).rejects.toThrow('Unknown job');
  });
});
