import { binance } from "./binance.harness.js"
import { runScenarios } from "./scenarios.js"

runScenarios(binance)
