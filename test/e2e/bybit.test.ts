import { bybit } from "./bybit.harness.js"
import { runScenarios } from "./scenarios.js"

runScenarios(bybit)
