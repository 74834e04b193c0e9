// must-use-result: a neverthrow Result or ResultAsync whose value is thrown away is an error
// nobody looks at. Flags expression statements (plain, awaited or voided) whose value is a
// Result. eslint-plugin-neverthrow's rule does the same job but only accepts
// match/unwrapOr as "handling" (not isErr(), not returning through ResultAsync chains) and
// crashes on ESLint 9, so we keep this small equivalent.

const RESULT_METHODS = ['map', 'mapErr', 'andThen', 'orElse', 'match', 'unwrapOr'];

const isResultType = (checker, type) => {
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((t) => {
    const apparent = checker.getApparentType(t);
    return RESULT_METHODS.every((m) => apparent.getProperty(m) !== undefined);
  });
};

// Awaiting a ResultAsync yields a Result: look through await/void to the expression itself.
const unwrap = (node) => {
  let n = node;
  while (n.type === 'AwaitExpression' || (n.type === 'UnaryExpression' && n.operator === 'void') || n.type === 'ChainExpression') {
    n = n.type === 'ChainExpression' ? n.expression : n.argument;
  }
  return n;
};

export default {
  meta: {
    type: 'problem',
    docs: { description: 'a neverthrow Result must be used (checked, returned, chained or matched)' },
    messages: { unused: 'This {{what}} is discarded: check it (isErr/match), return it, or chain it.' },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    if (!services?.program) throw new Error('must-use-result needs type information (parserOptions.projectService)');
    const checker = services.program.getTypeChecker();
    const typeOf = (node) => checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node));
    return {
      ExpressionStatement(stmt) {
        const outer = stmt.expression;
        if (outer.type === 'AssignmentExpression') return;
        const inner = unwrap(outer);
        if (isResultType(checker, typeOf(outer)) || isResultType(checker, typeOf(inner))) {
          context.report({ node: stmt, messageId: 'unused', data: { what: outer.type === 'AwaitExpression' ? 'awaited Result' : 'Result' } });
        }
      },
    };
  },
};
