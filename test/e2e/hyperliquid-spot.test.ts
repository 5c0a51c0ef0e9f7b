import { hyperliquidSpot } from "./hyperliquid.harness.js"
import { runScenarios } from "./scenarios.js"

runScenarios(hyperliquidSpot)
