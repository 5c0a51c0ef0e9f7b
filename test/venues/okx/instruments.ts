/**
 * OKX instruments as in the docs' example answers
 * (https://www.okx.com/docs-v5/en/#public-data-rest-api-get-instruments), and their markets.
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Convert from "../../../src/venues/okx/convert.js"
import * as Wire from "../../../src/venues/okx/wire.js"

export const swapJson = {
  instType: "SWAP",
  instId: "BTC-USDT-SWAP",
  uly: "BTC-USDT",
  instFamily: "BTC-USDT",
  baseCcy: "",
  quoteCcy: "",
  settleCcy: "USDT",
  ctValCcy: "BTC",
  ctVal: "0.01",
  ctMult: "1",
  ctType: "linear",
  listTime: "1606468572000",
  lever: "125",
  tickSz: "0.1",
  lotSz: "0.01",
  minSz: "0.01",
  maxLmtSz: "100000000",
  maxMktSz: "10000",
  state: "live"
}
export const spotJson = {
  instType: "SPOT",
  instId: "BTC-USDT",
  uly: "",
  instFamily: "",
  baseCcy: "BTC",
  quoteCcy: "USDT",
  settleCcy: "",
  ctValCcy: "",
  ctVal: "",
  ctMult: "",
  ctType: "",
  listTime: "1606468572000",
  tickSz: "0.1",
  lotSz: "0.00000001",
  minSz: "0.00001",
  state: "live"
}
export const decode = Schema.decodeUnknownSync(Wire.Instrument)
export const swap = Either.getOrThrow(Convert.swapMarket(decode(swapJson))!)
export const spot = Either.getOrThrow(Convert.spotMarket(decode(spotJson)))
