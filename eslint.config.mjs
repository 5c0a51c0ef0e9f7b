import effect from "@effect/eslint-plugin"
import tseslint from "typescript-eslint"

// Money is exact (DESIGN.md §5): no float parsing or Number() coercion under src/.
// A deliberate non-money use carries an eslint-disable comment that says why.
const noFloatMoney = [
  "error",
  { selector: "CallExpression[callee.name='parseFloat']", message: "Money is exact: use model/Decimal (BigDecimal) or integer ticks, never parseFloat." },
  { selector: "CallExpression[callee.object.name='Number'][callee.property.name='parseFloat']", message: "Money is exact: use model/Decimal (BigDecimal) or integer ticks, never Number.parseFloat." },
  { selector: "CallExpression[callee.name='Number']", message: "Money is exact: Number(...) coercion is not allowed in src/. Use model/Decimal, or mark a non-money use with an eslint-disable comment explaining it." }
]

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "*.mjs"] },
  {
    files: ["**/*.ts"],
    extends: [tseslint.configs.base],
    plugins: { "@effect": effect },
    rules: {
      "@effect/dprint": ["error", {
        config: {
          indentWidth: 2,
          lineWidth: 120,
          semiColons: "asi",
          quoteStyle: "alwaysDouble",
          trailingCommas: "never",
          operatorPosition: "maintain",
          "arrowFunction.useParentheses": "force"
        }
      }],
      "no-restricted-imports": ["error", { paths: [{ name: "@effect/schema", message: "Deprecated: use effect/Schema." }] }]
    }
  },
  {
    files: ["src/**/*.ts"],
    rules: { "no-restricted-syntax": noFloatMoney }
  }
)
