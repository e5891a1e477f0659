/**
 * An org's own automation, injectable from tests and `npm start`: validation rules and Apex
 * trigger errors that refuse a write the schema itself would accept. They run on every write path
 * (REST, composite, collections, tree) after the field values are checked, in Salesforce's order
 * of execution: before-triggers first, then validation rules.
 *
 * - a validation rule → 400 `FIELD_CUSTOM_VALIDATION_EXCEPTION` with the rule's message and the
 *   field it is shown on (`fields: []` for the top of the page);
 * - a trigger calling `addError` → the same code and shape;
 * - a trigger throwing → 400 `CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY`
 *   "`<Trigger>: execution of BeforeInsert caused by: <message>`".
 *
 * @example
 * ```ts
 * emulator.setOrgBehaviour({ validationRules: [rejectField('AC_ContactTraceRecord__c', 'Attributes__c')] });
 * emulator.setOrgBehaviour({}); // the admin deactivated it
 * ```
 */
import { SalesforceApiError } from './errors.js';
import type { Schema } from './schema/registry.js';
import type { ObjectSchema } from './schema/types.js';
import type { OrgBehaviour, OrgRecordView, TriggerError, ValidationRule } from './types.js';

/** The kind of write an org's automation runs on. */
export type WriteOperation = 'insert' | 'update';

/**
 * The org's own validation rules and trigger errors, run on every write path after field checks
 * and in Salesforce's order (before-triggers, then validation rules), so tests can see a write the
 * schema accepts refused by the org.
 */
export class OrgAutomation {
  #behaviour: OrgBehaviour = {};

  constructor(
    private readonly schema: Schema,
    behaviour: OrgBehaviour = {},
  ) {
    this.configure(behaviour);
  }

  configure(behaviour: OrgBehaviour): void {
    for (const rule of [...(behaviour.validationRules ?? []), ...(behaviour.triggerErrors ?? [])]) {
      if (this.schema.objectLenient(rule.object) === undefined) {
        throw new Error(`Org behaviour ${rule.name}: unknown sObject ${rule.object}`);
      }
    }
    this.#behaviour = {
      validationRules: [...(behaviour.validationRules ?? [])],
      triggerErrors: [...(behaviour.triggerErrors ?? [])],
    };
  }

  /** Throws the org's answer when one of its triggers or rules refuses this write. */
  check(object: ObjectSchema, record: Readonly<Record<string, unknown>>, operation: WriteOperation): void {
    const view = recordView(object, record, operation);
    for (const trigger of this.#behaviour.triggerErrors ?? []) {
      if (this.#applies(trigger, object, view)) throw this.#triggerError(trigger, object, operation);
    }
    for (const rule of this.#behaviour.validationRules ?? []) {
      if (this.#applies(rule, object, view)) {
        throw new SalesforceApiError(
          400,
          'FIELD_CUSTOM_VALIDATION_EXCEPTION',
          rule.message,
          this.#fields(object, rule.field),
        );
      }
    }
  }

  #applies(rule: ValidationRule | TriggerError, object: ObjectSchema, view: OrgRecordView): boolean {
    if (this.schema.objectLenient(rule.object)?.name !== object.name) return false;
    if (rule.on !== undefined && !rule.on.includes(view.operation)) return false;
    return rule.when === undefined || rule.when(view);
  }

  #triggerError(trigger: TriggerError, object: ObjectSchema, operation: WriteOperation): SalesforceApiError {
    if (trigger.kind === 'exception') {
      const timing = operation === 'insert' ? 'BeforeInsert' : 'BeforeUpdate';
      return new SalesforceApiError(
        400,
        'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
        `${trigger.name}: execution of ${timing} caused by: ${trigger.message}`,
        [],
      );
    }
    return new SalesforceApiError(
      400,
      'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      trigger.message,
      this.#fields(object, trigger.field),
    );
  }

  #fields(object: ObjectSchema, field: string | undefined): string[] {
    if (field === undefined) return [];
    return [resolveField(object, field) ?? field];
  }
}

/**
 * A validation rule that refuses any write leaving `field` non-blank, like
 * `NOT(ISBLANK(Attributes__c))` (what `npm start -- --reject-field Object.Field` installs).
 */
export function rejectField(object: string, field: string, message?: string): ValidationRule {
  return {
    object,
    name: `Reject_${field.replace(/__c$/, '')}`,
    field,
    message: message ?? `This org does not accept a value in ${field}.`,
    when: (record) => {
      const value = record.get(field);
      return value !== null && value !== undefined && value !== '';
    },
  };
}

/** Parses `Object.Field` (the `--reject-field` argument). */
export function parseRejectField(text: string): ValidationRule {
  const match = /^([A-Za-z][A-Za-z0-9_]*)\.([A-Za-z][A-Za-z0-9_]*)$/.exec(text);
  if (match === null) throw new Error(`expected Object.Field, got "${text}"`);
  return rejectField(match[1], match[2]);
}

function resolveField(object: ObjectSchema, name: string): string | undefined {
  const lower = name.toLowerCase();
  return object.fields.find(
    (field) => field.name.toLowerCase() === lower || field.localName.toLowerCase() === lower,
  )?.name;
}

function recordView(
  object: ObjectSchema,
  record: Readonly<Record<string, unknown>>,
  operation: WriteOperation,
): OrgRecordView {
  return {
    object: object.name,
    operation,
    get: (field) => {
      const name = resolveField(object, field);
      return name === undefined ? undefined : record[name];
    },
  };
}
