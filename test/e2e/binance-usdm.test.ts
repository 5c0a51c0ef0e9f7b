import { binanceUsdm } from "./binance-usdm.harness.js"
import { runScenarios } from "./scenarios.js"

runScenarios(binanceUsdm)
