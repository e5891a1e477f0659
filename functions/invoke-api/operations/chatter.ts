/**
 * `createChatterPost` and `createChatterComment`. Message texts are `{{ key }}` templates filled
 * from the other parameters (see `message-template.ts`); they go in a JSON body, not a query.
 *
 * @example
 * ```ts
 * await createChatterPost({
 *   sf_feedElementType: 'FeedItem', sf_subjectId: '500…', sf_messageType: 'Text',
 *   sf_message: 'Caller {{ phone }} asked for a callback', phone: '+441122334455',
 * }, context); // { Id: '0D5…' }
 * ```
 */
import { requireRecordId } from '../identifiers.js';
import { renderMessageTemplate } from '../message-template.js';
import { OperationParameters } from '../parameters.js';
import type { ConnectResponse, InvokeApiParameters, OperationContext } from '../types.js';

const POST_PARAMETERS = ['sf_feedElementType', 'sf_subjectId', 'sf_messageType', 'sf_message', 'sf_mention'];
const COMMENT_PARAMETERS = ['sf_feedElementId', 'sf_commentType', 'sf_commentMessage'];

/** Posts to a record's (or user's, group's) feed; answers `{ Id }` of the feed element. */
export async function createChatterPost(
  parameters: InvokeApiParameters,
  context: OperationContext,
): Promise<ConnectResponse> {
  const p = new OperationParameters(context.operation, parameters);
  const feedElementType = p.required('sf_feedElementType');
  const subjectId = p.required('sf_subjectId').trim();
  const messageType = p.required('sf_messageType');
  const text = renderMessageTemplate(
    context.operation,
    'sf_message',
    p.required('sf_message'),
    Object.fromEntries(p.others(POST_PARAMETERS)),
  );
  const mention = p.optional('sf_mention')?.trim();
  const messageSegments: Array<Record<string, string>> = [{ type: messageType, text }];
  if (mention !== undefined) messageSegments.push({ type: 'Mention', id: mention });
  const id = await context.sf.chatterPost({ feedElementType, subjectId, body: { messageSegments } });
  return { Id: id };
}

/** Comments on a feed element; answers `{ Id }` of the comment. */
export async function createChatterComment(
  parameters: InvokeApiParameters,
  context: OperationContext,
): Promise<ConnectResponse> {
  const p = new OperationParameters(context.operation, parameters);
  const feedElementId = requireRecordId(
    context.operation,
    'sf_feedElementId',
    p.required('sf_feedElementId'),
  );
  const commentType = p.required('sf_commentType');
  const text = renderMessageTemplate(
    context.operation,
    'sf_commentMessage',
    p.required('sf_commentMessage'),
    Object.fromEntries(p.others(COMMENT_PARAMETERS)),
  );
  const id = await context.sf.chatterComment(feedElementId, {
    body: { messageSegments: [{ type: commentType, text }] },
  });
  return { Id: id };
}
