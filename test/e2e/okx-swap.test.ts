import { okxSwap } from "./okx-swap.harness.js"
import { runScenarios } from "./scenarios.js"

runScenarios(okxSwap)
