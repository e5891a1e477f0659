/**
 * The contact version fence's table: one item per ContactId holding the newest CTR version written
 * to Salesforce and the lease of the import writing now (`shared/contact-versions`). On-demand
 * capacity (two small writes per import), encrypted, point-in-time recovery, and a TTL so items of
 * contacts no version can reach any more go away on their own.
 *
 * Grants are exactly what each function calls: the import claims and commits (UpdateItem) and reads
 * why a claim failed (GetItem); the trigger only reads (GetItem).
 *
 * @example
 * ```ts
 * const versions = new ContactVersionTable(this, 'ContactVersions', { contactImport, ctrTrigger });
 * versions.table.tableName;
 * ```
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import {
  CONTACT_VERSION_KEY,
  CONTACT_VERSION_TABLE_ENV,
  CONTACT_VERSION_TTL_ATTRIBUTE,
} from '../../shared/contact-versions/table.js';
import type { PipelineFunction } from './pipeline-function.js';

/** The functions that use the contact version table (each gets exactly the calls it makes). */
export interface ContactVersionTableProps {
  readonly contactImport: PipelineFunction;
  readonly ctrTrigger: PipelineFunction;
}

/**
 * The DynamoDB table behind the contact version fence (on demand, encrypted, point-in-time recovery,
 * TTL), its name passed to the CTR import and the trigger as `CONTACT_VERSION_TABLE`.
 *
 * @example
 * ```ts
 * const versions = new ContactVersionTable(this, 'ContactVersions', { contactImport, ctrTrigger });
 * ```
 */
export class ContactVersionTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: ContactVersionTableProps) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: CONTACT_VERSION_KEY, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: CONTACT_VERSION_TTL_ATTRIBUTE,
      // Derived state: an uninstall removes it with the functions that use it.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const { contactImport, ctrTrigger } = props;
    contactImport.function.addEnvironment(CONTACT_VERSION_TABLE_ENV, this.table.tableName);
    contactImport.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ClaimContactVersion',
        actions: ['dynamodb:UpdateItem', 'dynamodb:GetItem'],
        resources: [this.table.tableArn],
      }),
    );
    ctrTrigger.function.addEnvironment(CONTACT_VERSION_TABLE_ENV, this.table.tableName);
    ctrTrigger.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ReadContactVersion',
        actions: ['dynamodb:GetItem'],
        resources: [this.table.tableArn],
      }),
    );
  }
}
