// GitHub's expressions evaluated with its own library (@actions/expressions),
// and a job's `if:` the way the runner decides it, for the tests that read
// workflows.

import { Evaluator, Lexer, Parser, data } from '@actions/expressions'
import { truthy } from '@actions/expressions/result'

export type Ctx = Record<string, unknown>

export interface Needed {
  result: 'success' | 'failure' | 'skipped'
  outputs: Record<string, string>
}

const CONTEXTS = [
  'github',
  'inputs',
  'needs',
  'jobs',
  'steps',
  'vars',
  'secrets',
  'matrix',
  'strategy',
  'job',
  'runner',
  'env'
]
const STATUS_FUNCTIONS = /\b(success|failure|always|cancelled)\s*\(/
const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g
const WHOLE = /^\s*\$\{\{([\s\S]*)\}\}\s*$/

export function evaluateExpression(
  expression: string,
  context: Ctx,
  status: { success: boolean; failure: boolean } = {
    success: true,
    failure: false
  }
): data.ExpressionData {
  const functions = [
    ['success', status.success],
    ['failure', status.failure],
    ['always', true],
    ['cancelled', false]
  ] as const
  const lexed = new Lexer(expression).lex()
  const parsed = new Parser(
    lexed.tokens,
    CONTEXTS,
    functions.map(([name]) => ({ name, minArgs: 0, maxArgs: 0 }))
  ).parse()
  const ctx = JSON.parse(
    JSON.stringify({
      ...Object.fromEntries(CONTEXTS.map((c) => [c, {}])),
      ...context
    }),
    data.reviver
  ) as data.Dictionary
  return new Evaluator(
    parsed,
    ctx,
    new Map(
      functions.map(([name, value]) => [
        name,
        {
          name,
          minArgs: 0,
          maxArgs: 0,
          call: () => new data.BooleanData(value)
        }
      ])
    )
  ).evaluate()
}

/** A value as GitHub gives it: literal text with each ${{ }} replaced. */
export function evaluateTemplate(value: unknown, context: Ctx): string {
  if (typeof value !== 'string') return String(value)
  return value.replace(EXPRESSION, (_, expression: string) =>
    evaluateExpression(expression, context).coerceString()
  )
}

/**
 * A `with:` value as a called workflow receives it: a value that is one
 * whole ${{ }} keeps its type (a boolean stays a boolean, null stays null);
 * anything else is text.
 */
export function evaluateTyped(
  value: unknown,
  context: Ctx
): string | number | boolean | null {
  if (typeof value !== 'string') return value as number | boolean
  const whole = WHOLE.exec(value)
  if (!whole || value.indexOf('${{', 3) >= 0)
    return evaluateTemplate(value, context)
  const result = evaluateExpression(whole[1] as string, context)
  switch (result.kind) {
    case data.Kind.Null:
      return null
    case data.Kind.Boolean:
      return truthy(result)
    case data.Kind.Number:
      return Number(result.coerceString())
    default:
      return result.coerceString()
  }
}

export const needsOf = (job: { needs?: string | string[] }): string[] =>
  job.needs === undefined
    ? []
    : Array.isArray(job.needs)
      ? job.needs
      : [job.needs]

/** A job's `if`, with GitHub's implicit success() when none is named. */
export function jobRuns(
  job: { if?: string; needs?: string | string[] },
  context: Ctx,
  needs: Record<string, Needed>
): boolean {
  const results = needsOf(job).map((id) => needs[id]?.result)
  const status = {
    success: results.every((r) => r === 'success'),
    failure: results.some((r) => r === 'failure')
  }
  const condition = (job.if ?? '').trim()
  if (condition === '') return status.success
  const expression = condition.replace(/^\$\{\{([\s\S]*)\}\}$/, '$1')
  const value = truthy(evaluateExpression(expression, context, status))
  return STATUS_FUNCTIONS.test(expression) ? value : status.success && value
}
