import { describe, expect, it } from 'vitest';
import { readingAlerts, risingMisfires } from './alert-rules.ts';

describe('alert rules', () => {
  it('raise one overheating alert with the hottest coolant reading above 110 °C', () => {
    expect(readingAlerts([{ pid: '05', value: 112 }, { pid: '67.sensorA', value: 116 }, { pid: '0C', value: 900 }])).toEqual([{ rule: 'coolant-hot', value: 116, threshold: 110 }]);
    expect(readingAlerts([{ pid: '05', value: 110 }])).toEqual([]);
  });

  it('raise a low-voltage alert under 11.8 V of control-module voltage only', () => {
    expect(readingAlerts([{ pid: '42', value: 11.6 }, { pid: '42', value: 11.2 }, { pid: '14.voltage', value: 0.4 }])).toEqual([{ rule: 'battery-low', value: 11.2, threshold: 11.8 }]);
    expect(readingAlerts([{ pid: '42', value: 11.8 }])).toEqual([]);
  });

  it('report the cylinder whose misfire count rose most since the last count', () => {
    const previous = new Map([[1, 4], [2, 0]]);
    expect(risingMisfires(previous, [{ cylinder: 1, count: 5 }, { cylinder: 2, count: 3 }])).toEqual({ rule: 'misfire-rising', value: 3, threshold: 0, cylinder: 2 });
    expect(risingMisfires(previous, [{ cylinder: 1, count: 4 }, { cylinder: 2, count: 0 }])).toBeUndefined();
    expect(risingMisfires(new Map(), [{ cylinder: 4, count: 1 }])).toMatchObject({ cylinder: 4, value: 1 });
  });
});
