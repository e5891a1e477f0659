/**
 * Connect REST (Chatter) subset: `POST /chatter/feed-elements` (JSON body or
 * the `feedElementType`/`subjectId`/`text` query form) → 201 feed item (0D5), `GET` of one, and
 * `POST /chatter/feed-elements/{id}/capabilities/comments/items` → 201 comment (0D7).
 */
import { formatDateTime } from '../context.js';
import { methodNotAllowed, notFound, SalesforceApiError } from '../errors.js';
import { type EmulatorRequest, type EmulatorResponse, json } from '../http-types.js';
import { normalizeId } from '../ids.js';
import { parseJsonObject } from '../json-body.js';
import type { Services } from '../services.js';
import type { StoredRecord } from '../store/record-store.js';

const MAX_TEXT = 10000;

interface Segment {
  type: string;
  text?: string;
  id?: string;
  url?: string;
  tag?: string;
  markupType?: string;
}

const invalidInput = (message: string) => new SalesforceApiError(400, 'INVALID_API_INPUT', message);

/** `/chatter/feed-elements`: posts feed items, and comments on them, as the Chatter REST API does. */
export function chatterRoute(services: Services, request: EmulatorRequest): EmulatorResponse {
  const [, resource, elementId, capabilities, capability, items, ...more] = request.segments;
  if (resource !== 'feed-elements' || more.length > 0) throw notFound();
  if (elementId === undefined) {
    if (request.method !== 'POST') throw methodNotAllowed(request.method, ['POST']);
    return json(201, postFeedElement(services, request));
  }
  const feedItem = services.records.live(services.records.object('FeedItem'), elementId);
  if (capabilities === undefined) {
    if (request.method !== 'GET') throw methodNotAllowed(request.method, ['GET']);
    return json(200, feedItemRepresentation(services, request.version, feedItem));
  }
  if (capabilities !== 'capabilities' || capability !== 'comments' || items !== 'items') throw notFound();
  if (request.method === 'GET') {
    const comments = commentsOf(services, feedItem).map((comment) =>
      commentRepresentation(services, request.version, comment),
    );
    return json(200, { items: comments, total: comments.length });
  }
  if (request.method !== 'POST') throw methodNotAllowed(request.method, ['GET', 'POST']);
  const segments = bodySegments(request);
  const text = renderText(services, segments);
  const comment = services.records.create(
    services.records.object('FeedComment'),
    { FeedItemId: feedItem.Id, CommentBody: text, ParentId: feedItem.ParentId },
    { system: true },
  );
  services.records.update(
    services.records.object('FeedItem'),
    feedItem.Id,
    { CommentCount: commentsOf(services, feedItem).length },
    { system: true },
  );
  return json(201, commentRepresentation(services, request.version, comment, segments));
}

function postFeedElement(services: Services, request: EmulatorRequest): Record<string, unknown> {
  const fromQuery = request.body.length === 0;
  const body = fromQuery ? {} : parseJsonObject(request.body);
  const type = fromQuery ? request.query.get('feedElementType') : body.feedElementType;
  if (type !== 'FeedItem') throw invalidInput(`feedElementType must be FeedItem, got ${String(type)}`);
  const rawSubject = fromQuery ? request.query.get('subjectId') : body.subjectId;
  if (typeof rawSubject !== 'string' || rawSubject === '') throw invalidInput('subjectId is required');
  const subjectId = rawSubject === 'me' ? services.context.apiUserId : normalizeId(rawSubject);
  const subject = subjectId === undefined ? undefined : services.context.store.find(subjectId);
  if (subject === undefined || subject.record.IsDeleted === true) throw notFound();
  const segments = bodySegments(request);
  const text = renderText(services, segments);
  const item = services.records.create(
    services.records.object('FeedItem'),
    { ParentId: subject.record.Id, Body: text, Type: 'TextPost', CommentCount: 0, LikeCount: 0 },
    { system: true },
  );
  return feedItemRepresentation(services, request.version, item, segments);
}

/** Message segments from `body.messageSegments` or the `?text=` short form. */
function bodySegments(request: EmulatorRequest): Segment[] {
  if (request.body.length === 0) {
    const text = request.query.get('text');
    if (text === null || text === '') throw invalidInput('A message body is required');
    return [{ type: 'Text', text }];
  }
  const body = parseJsonObject(request.body);
  const message = body.body as { messageSegments?: unknown } | undefined;
  const segments = message?.messageSegments;
  if (!Array.isArray(segments) || segments.length === 0)
    throw invalidInput('body.messageSegments is required');
  return segments.map((segment) => {
    const value = segment as Segment;
    if (typeof value?.type !== 'string') throw invalidInput('Each message segment needs a type');
    if (
      !['Text', 'Mention', 'Link', 'Hashtag', 'MarkupBegin', 'MarkupEnd', 'InlineImage'].includes(value.type)
    ) {
      throw invalidInput(`Unknown message segment type: ${value.type}`);
    }
    return value;
  });
}

function renderText(services: Services, segments: Segment[]): string {
  const text = segments
    .map((segment) => {
      switch (segment.type) {
        case 'Text':
          if (typeof segment.text !== 'string') throw invalidInput('Text segments need text');
          return segment.text;
        case 'Mention': {
          const id = normalizeId(String(segment.id ?? ''));
          const user = id === undefined ? undefined : services.context.store.get('User', id);
          if (user === undefined || user.IsDeleted === true)
            throw invalidInput(`Mention id is not a user: ${String(segment.id)}`);
          return `@${String(user.Name)}`;
        }
        case 'Link':
          return String(segment.url ?? '');
        case 'Hashtag':
          return `#${String(segment.tag ?? '')}`;
        default:
          return '';
      }
    })
    .join('');
  if (text.length > MAX_TEXT) throw invalidInput(`The message body exceeds ${MAX_TEXT} characters`);
  return text;
}

function commentsOf(services: Services, feedItem: StoredRecord): StoredRecord[] {
  return services.context.store.withValue('FeedComment', 'FeedItemId', feedItem.Id) ?? [];
}

function actor(services: Services, userId: unknown): Record<string, unknown> {
  const user = typeof userId === 'string' ? services.context.store.get('User', userId) : undefined;
  return { id: userId, name: user?.Name ?? null, type: 'User' };
}

function feedItemRepresentation(
  services: Services,
  version: string,
  item: StoredRecord,
  segments?: Segment[],
): Record<string, unknown> {
  const parent = services.context.store.find(String(item.ParentId));
  const comments = commentsOf(services, item);
  return {
    id: item.Id,
    feedElementType: 'FeedItem',
    type: item.Type,
    body: {
      text: item.Body,
      isRichText: false,
      messageSegments: segments ?? [{ type: 'Text', text: item.Body }],
    },
    capabilities: {
      comments: {
        page: {
          items: comments.map((comment) => commentRepresentation(services, version, comment)),
          total: comments.length,
        },
      },
    },
    parent: { id: item.ParentId, type: parent?.object ?? null, name: parent?.record.Name ?? null },
    actor: actor(services, item.CreatedById),
    createdDate: item.CreatedDate,
    modifiedDate: item.LastModifiedDate,
    url: `/services/data/v${version}/chatter/feed-elements/${item.Id}`,
  };
}

function commentRepresentation(
  services: Services,
  version: string,
  comment: StoredRecord,
  segments?: Segment[],
): Record<string, unknown> {
  return {
    id: comment.Id,
    body: {
      text: comment.CommentBody,
      isRichText: false,
      messageSegments: segments ?? [{ type: 'Text', text: comment.CommentBody }],
    },
    feedElement: {
      id: comment.FeedItemId,
      url: `/services/data/v${version}/chatter/feed-elements/${String(comment.FeedItemId)}`,
    },
    parent: { id: comment.ParentId },
    user: actor(services, comment.CreatedById),
    createdDate: comment.CreatedDate ?? formatDateTime(services.context.now()),
    url: `/services/data/v${version}/chatter/comments/${comment.Id}`,
  };
}
