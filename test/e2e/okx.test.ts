import { okx } from "./okx.harness.js"
import { runScenarios } from "./scenarios.js"

runScenarios(okx)
