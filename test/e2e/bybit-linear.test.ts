import { bybitLinear } from "./bybit-linear.harness.js"
import { runScenarios } from "./scenarios.js"

runScenarios(bybitLinear)
