import { hyperliquidPerp } from "./hyperliquid.harness.js"
import { runScenarios } from "./scenarios.js"

runScenarios(hyperliquidPerp)
