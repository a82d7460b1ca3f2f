import { describe, expect, it } from 'vitest';
import type { AuthyEvent } from '@/lib/authy/responses';
import { eventCountry, eventDevice, eventStatus, eventsToCsv, eventUser } from './event-fields';

const push: AuthyEvent = {
  event: 'one_touch_request_responded',
  time: '2019-09-13T21:51:42.262Z',
  request_id: 'EB03D0F0-1234-5678-9101-F5014BD54354',
  objects: {
    device: { s_device_type: 'iphone' },
    onetouch_request: { s_status: 'denied' },
    user: { s_authy_id: '11123', s_country_code: '1', s_locale: 'en' },
  },
};

const verification: AuthyEvent = {
  event: 'phone_verification_started',
  time: '2019-09-14T00:00:00.000Z',
  request_id: 'R2',
  objects: { app: { s_name: '=cmd|calc' }, phone_verification: { s_status: 'pending' } },
};

describe('event fields', () => {
  it('reads user, device, country and push status', () => {
    expect([eventUser(push), eventDevice(push), eventCountry(push), eventStatus(push)]).toEqual([
      '11123',
      'iphone',
      '1',
      'denied',
    ]);
  });

  it('falls back to the phone verification status and tolerates missing objects', () => {
    expect(eventStatus(verification)).toBe('pending');
    expect(eventUser(verification)).toBeUndefined();
    expect(eventDevice(verification)).toBeUndefined();
  });
});

describe('eventsToCsv', () => {
  it('writes a header and one row per event, objects as quoted JSON', () => {
    const lines = eventsToCsv([push, verification]).split('\r\n');
    expect(lines[0]).toBe('time,event,request_id,user,device,country,status,objects');
    expect(lines[1]).toMatch(
      /^2019-09-13T21:51:42.262Z,one_touch_request_responded,EB03D0F0-1234-5678-9101-F5014BD54354,11123,iphone,1,denied,"\{""device""/,
    );
    expect(lines[2]).toMatch(/^2019-09-14T00:00:00.000Z,phone_verification_started,R2,,,,pending,"\{/);
    expect(lines).toHaveLength(4);
  });
});
