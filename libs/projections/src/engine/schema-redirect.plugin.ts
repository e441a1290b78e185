import {
  IdentifierNode,
  KyselyPlugin,
  OperationNodeTransformer,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryId,
  QueryResult,
  RootOperationNode,
  SchemableIdentifierNode,
  UnknownRow,
} from 'kysely';

/**
 * Rewrites references to some tables of one schema (`read.tasks`) into another schema
 * (`read_build_tasks.tasks`), so that a projection's unchanged `apply` writes into a copy of its
 * tables. Only the listed tables move: a projection that reads another projection's tables keeps
 * reading the live ones.
 */
export class SchemaRedirectPlugin implements KyselyPlugin {
  private readonly transformer: SchemaRedirectTransformer;

  constructor(from: string, to: string, tables: readonly string[]) {
    this.transformer = new SchemaRedirectTransformer(from, to, new Set(tables));
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

class SchemaRedirectTransformer extends OperationNodeTransformer {
  constructor(
    private readonly from: string,
    private readonly to: string,
    private readonly tables: ReadonlySet<string>,
  ) {
    super();
  }

  protected override transformSchemableIdentifier(
    node: SchemableIdentifierNode,
    queryId?: QueryId,
  ): SchemableIdentifierNode {
    const transformed = super.transformSchemableIdentifier(node, queryId);
    if (transformed.schema?.name !== this.from || !this.tables.has(transformed.identifier.name)) {
      return transformed;
    }
    return { ...transformed, schema: IdentifierNode.create(this.to) };
  }
}
