import { createRoute, z } from '@hono/zod-openapi';
import { isUuid } from '../../platform/ids.ts';
import { keysetPage, pageBody, PageQuerySchema, pageSchema } from '../../platform/http/pagination.ts';
import { problemContent } from '../../platform/http/problem.ts';
import type { ApiRouter } from '../../platform/http/router.ts';
import { jsonBody, jsonContent, type RouteKit } from '../../platform/http/route-kit.ts';
import { badRequest } from '../../platform/errors.ts';
import { parseVin } from '../vehicles/index.ts';
import type { DeviceDirectory } from './device-directory.ts';
import { commandTopic, dataTopic, type DeviceService } from './device-service.ts';
import type { ObdDevice } from './device-store.ts';
import { CreatedDeviceSchema, DeviceSchema, NewDeviceSchema } from './schemas.ts';

const view = (d: ObdDevice) => ({
  id: d.id,
  vehicleId: d.vehicleId,
  label: d.label,
  createdAt: d.createdAt.toISOString(),
  revokedAt: d.revokedAt ? d.revokedAt.toISOString() : null,
});

/** /v1/obd/devices: an owner connects, lists and revokes the dongles of their vehicles. */
export function deviceRoutes(r: ApiRouter, deps: { kit: RouteKit; devices: DeviceService; mqttUrl: string; directory: DeviceDirectory }): void {
  const { kit, devices } = deps;

  r.openapi(
    // No Idempotency-Key here on purpose: a replay would have to keep the secret in clear.
    createRoute(
      kit.protectedRoute({ roles: ['owner'] }, {
        method: 'post',
        path: '/obd/devices',
        tags: ['obd'],
        summary: 'Connect an OBD device to one of your vehicles (the secret is shown once)',
        request: { body: jsonBody(NewDeviceSchema) },
        responses: {
          201: jsonContent(CreatedDeviceSchema, 'The device, its secret and MQTT settings'),
          400: problemContent('VALIDATION_FAILED, VIN_INVALID'),
          404: problemContent('VEHICLE_NOT_FOUND'),
          502: problemContent('MQTT_DIRECTORY_FAILED (external broker)'),
          504: problemContent('MQTT_DIRECTORY_TIMEOUT (external broker)'),
        },
      }),
    ),
    async (c) => {
      const body = c.req.valid('json');
      const vin = parseVin(body.vin);
      if (!vin) throw badRequest('VIN_INVALID', 'The VIN must have 17 characters (letters except I, O, Q, and digits).');
      const principal = c.get('principal');
      const { device, secret } = await devices.create(principal, { vin, label: body.label });
      try {
        await deps.directory.put(device.id, secret);
      } catch (error) {
        // A device the broker does not know would be listed but could never connect.
        await devices.revoke(principal, device.id);
        throw error;
      }
      c.header('Location', `/v1/obd/devices/${device.id}`);
      c.header('Cache-Control', 'no-store');
      return c.json(
        { deviceId: device.id, secret, mqtt: { url: deps.mqttUrl, username: device.id, topic: dataTopic(device.id), commandTopic: commandTopic(device.id) }, device: view(device) },
        201,
      );
    },
  );

  r.openapi(
    createRoute(
      kit.protectedRoute({ roles: ['owner'] }, {
        method: 'get',
        path: '/obd/devices',
        tags: ['obd'],
        summary: 'Your OBD devices (revoked ones included)',
        request: { query: PageQuerySchema },
        responses: { 200: jsonContent(pageSchema(DeviceSchema, 'ObdDevicePage'), 'A page of devices'), 400: problemContent('CURSOR_INVALID') },
      }),
    ),
    async (c) => {
      const p = c.get('principal');
      const page = await keysetPage(c.req.valid('query'), isUuid, (after, n) => devices.list(p, after, n));
      return c.json(pageBody(page, view), 200);
    },
  );

  r.openapi(
    createRoute(
      kit.protectedRoute({ roles: ['owner'] }, {
        method: 'delete',
        path: '/obd/devices/{id}',
        tags: ['obd'],
        summary: 'Revoke a device: its secret stops working and its connections are dropped',
        request: { params: z.object({ id: z.string().max(64) }) },
        responses: { 204: { description: 'Revoked' }, 404: problemContent('OBD_DEVICE_NOT_FOUND') },
      }),
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      await devices.revoke(c.get('principal'), id);
      await deps.directory.remove(id);
      return c.body(null, 204);
    },
  );
}
