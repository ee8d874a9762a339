import { createRoute, z } from '@hono/zod-openapi';
import { problemContent } from '../../../platform/http/problem.ts';
import { createApiRouter, type ApiRouter } from '../../../platform/http/router.ts';
import { jsonBody, jsonContent, type RouteKit } from '../../../platform/http/route-kit.ts';
import type { ProfileService } from '../profile/profile-service.ts';
import { CalendarFeedSchema, ProfileInputSchema, ProfileSchema } from './profile-schemas.ts';

/** /v1/pro/profile and the calendar feed: a verified professional's planning settings. */
export function profileRoutes(deps: { profiles: ProfileService; kit: RouteKit }): ApiRouter {
  const { profiles, kit } = deps;
  const r = createApiRouter();
  const guard = { roles: ['pro'], verifiedPro: true } as const;

  r.openapi(
    createRoute(
      kit.protectedRoute(guard, {
        method: 'put',
        path: '/pro/profile',
        tags: ['planning'],
        summary: 'Set the planning profile: services, opening hours, closures, capacity, time zone',
        request: { body: jsonBody(ProfileInputSchema) },
        responses: {
          200: jsonContent(ProfileSchema, 'The profile'),
          400: problemContent('VALIDATION_FAILED, OPENING_HOURS_INVALID, CLOSURE_INVALID, CAPACITY_INVALID, BUFFER_INVALID, TIMEZONE_INVALID, SERVICES_INVALID'),
        },
      }),
    ),
    async (c) => c.json(await profiles.save(c.get('principal'), c.req.valid('json')), 200),
  );

  r.openapi(
    createRoute(
      kit.protectedRoute(guard, {
        method: 'get',
        path: '/pro/profile',
        tags: ['planning'],
        summary: 'The planning profile, with the durations planned (learned after 5 completed jobs)',
        responses: { 200: jsonContent(ProfileSchema, 'The profile'), 404: problemContent('PROFILE_NOT_FOUND') },
      }),
    ),
    async (c) => c.json(await profiles.get(c.get('principal')), 200),
  );

  r.openapi(
    createRoute(
      kit.protectedRoute(guard, {
        method: 'get',
        path: '/pro/calendar-feed',
        tags: ['planning'],
        summary: 'The iCalendar feed URL of the bookings, for calendar apps',
        responses: { 200: jsonContent(CalendarFeedSchema, 'The feed URL'), 404: problemContent('PROFILE_NOT_FOUND') },
      }),
    ),
    async (c) => c.json(await profiles.feedUrl(c.get('principal')), 200),
  );

  r.openapi(
    createRoute(
      kit.protectedRoute(guard, {
        method: 'post',
        path: '/pro/calendar-feed/rotate',
        tags: ['planning'],
        summary: 'Replace the feed token: the old URL stops working at once',
        responses: { 200: jsonContent(CalendarFeedSchema, 'The new feed URL'), 404: problemContent('PROFILE_NOT_FOUND') },
      }),
    ),
    async (c) => c.json(await profiles.feedUrl(c.get('principal'), true), 200),
  );

  r.openapi(
    createRoute(
      kit.publicRoute({}, {
        method: 'get',
        path: '/pro/calendar.ics',
        tags: ['planning'],
        summary: 'The iCalendar (RFC 5545) feed of a professional, by its feed token',
        request: { query: z.object({ token: z.string().max(200) }) },
        responses: { 200: { description: 'text/calendar', content: { 'text/calendar': { schema: z.string() } } }, 404: problemContent('FEED_NOT_FOUND') },
      }),
    ),
    async (c) => {
      const body = await profiles.feed(c.req.valid('query').token);
      return c.body(body, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, max-age=300' });
    },
  );
  return r;
}
