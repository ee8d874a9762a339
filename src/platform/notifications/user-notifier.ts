import type { Clock } from '../clock.ts';
import { badRequest } from '../errors.ts';
import { newId } from '../ids.ts';
import type { JsonValue } from '../ports/event-bus.ts';
import type { Notifications } from '../ports/notifications.ts';
import type { SqlDatabase, SqlExecutor } from '../ports/sql.ts';
import type { UserSummary } from '../module/identity-face.ts';
import type { InboxStore } from './inbox-store.ts';
import { renderTemplate, type NotificationTemplates } from './templates.ts';

export type { NotificationTemplates } from './templates.ts';

/** A notification to one user, by kind: the template of that kind renders it in the user's language. */
export interface UserNotificationInput {
  userId: string;
  /** A declared template kind, `<module>.<what>`. */
  kind: string;
  data?: JsonValue;
  /** Where the app should take the user (a path of the web app, e.g. `/planning/appointments/…`). */
  link?: string;
  /** Write in the caller's transaction: the notification exists iff the caller's data commits. */
  tx?: SqlExecutor;
}

/** Notifies users: an in-app inbox entry always, an email too unless the user turned that kind off. */
export interface UserNotifier {
  notify(input: UserNotificationInput): Promise<{ id: string }>;
}

export interface UserNotifierDeps {
  db: SqlDatabase;
  clock: Clock;
  inbox: InboxStore;
  notifications: Notifications;
  templates: () => NotificationTemplates;
  users: (userId: string, tx?: SqlExecutor) => Promise<UserSummary | undefined>;
}

/** The platform's {@link UserNotifier}: renders the kind's template, fills the inbox, queues the email. */
export function createUserNotifier(deps: UserNotifierDeps): UserNotifier {
  return {
    async notify(input) {
      const template = deps.templates()[input.kind];
      if (!template) throw badRequest('NOTIFICATION_KIND_UNKNOWN', `No template is declared for the notification kind ${input.kind}.`);
      // Read in the caller's transaction when there is one (PGlite has a single connection).
      const user = await deps.users(input.userId, input.tx);
      if (!user) throw badRequest('NOTIFICATION_RECIPIENT_UNKNOWN', 'No such user.');
      const message = renderTemplate(template[user.locale], input.data, user.locale);
      const id = newId();
      const write = async (tx: SqlExecutor) => {
        await deps.inbox.add(tx, user.id, {
          id,
          kind: input.kind,
          title: message.title,
          body: message.body,
          link: input.link ?? null,
          data: input.data ?? null,
          createdAt: deps.clock.now(),
        });
        if (await deps.inbox.emailEnabled(tx, user.id, input.kind)) {
          await deps.notifications.send(
            { recipient: { userId: user.id, email: user.email }, channel: 'email', subject: message.title, body: message.body, template: input.kind, ...(input.data === undefined ? {} : { data: input.data }) },
            tx,
          );
        }
      };
      if (input.tx) await write(input.tx);
      else await deps.db.transaction(write);
      return { id };
    },
  };
}
