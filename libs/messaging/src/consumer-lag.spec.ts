import { AssignerProtocol } from 'kafkajs';
import { assignedTopics, partitionLag } from './consumer-lag';

describe('partitionLag', () => {
  const offsets = [
    { partition: 0, high: '10', low: '0' },
    { partition: 1, high: '7', low: '3' },
    { partition: 2, high: '0', low: '0' },
  ];

  it('is the high watermark minus the committed offset per partition', () => {
    expect(
      partitionLag(
        offsets,
        [
          { partition: 0, offset: '4' },
          { partition: 1, offset: '7' },
          { partition: 2, offset: '0' },
        ],
        true,
      ),
    ).toEqual([
      { partition: 0, lag: 6 },
      { partition: 1, lag: 0 },
      { partition: 2, lag: 0 },
    ]);
  });

  it('counts an uncommitted partition from its start for a group reading from the beginning', () => {
    expect(partitionLag(offsets, [{ partition: 0, offset: '-1' }], true)).toEqual([
      { partition: 0, lag: 10 },
      { partition: 1, lag: 4 },
      { partition: 2, lag: 0 },
    ]);
  });

  it('counts an uncommitted partition as 0 for a group that only reads what comes next', () => {
    expect(partitionLag(offsets, [{ partition: 1, offset: '5' }], false)).toEqual([
      { partition: 0, lag: 0 },
      { partition: 1, lag: 2 },
      { partition: 2, lag: 0 },
    ]);
  });

  it('never goes negative (a topic recreated under a group)', () => {
    expect(partitionLag([offsets[0]], [{ partition: 0, offset: '25' }], true)).toEqual([
      { partition: 0, lag: 0 },
    ]);
  });
});

describe('assignedTopics', () => {
  it('unions the topics of every member assignment and skips members without one', () => {
    const assignment = (a: Record<string, number[]>) =>
      AssignerProtocol.MemberAssignment.encode({
        version: 0,
        assignment: a,
        userData: Buffer.alloc(0),
      });
    expect(
      assignedTopics([
        { memberAssignment: assignment({ 'queue.tickets.v1': [0, 1] }) },
        { memberAssignment: assignment({ 'queue.tickets.v1': [2], 'referral.referrals.v1': [0] }) },
        { memberAssignment: Buffer.alloc(0) },
      ]).sort(),
    ).toEqual(['queue.tickets.v1', 'referral.referrals.v1']);
  });
});
