/**
 * Hyperliquid request signing: every `/exchange` request carries an L1 action signed with the
 * agent (API) wallet's secp256k1 key.
 *
 * 1. `connectionId` = keccak-256 of: the action msgpack-encoded (keys in the order the venue's
 *    action defines them, integers in their smallest msgpack form), the nonce as 8 big-endian
 *    bytes, `0x00` without a vault or `0x01` + the vault's 20 address bytes, and — only when set —
 *    `0x00` + `expiresAfter` as 8 big-endian bytes.
 * 2. The phantom agent `{ source: "a" (mainnet) | "b" (testnet), connectionId }` is signed as
 *    EIP-712 typed data `Agent(string source,bytes32 connectionId)` in the domain
 *    `{ name: "Exchange", version: "1", chainId: 1337, verifyingContract: 0x0…0 }`.
 * 3. The request body is `{ action, nonce, signature: { r, s, v }, vaultAddress?, expiresAfter? }`.
 *
 * Nonces are milliseconds, strictly increasing per signer: two requests signed in the same
 * millisecond, or after the clock stepped back, still get distinct increasing nonces. The venue
 * accepts nonces within (T − 2 days, T + 1 day) and keeps the 100 highest per signer.
 *
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/signing
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/nonces-and-api-wallets
 * https://github.com/hyperliquid-dex/hyperliquid-python-sdk/blob/master/hyperliquid/utils/signing.py
 *
 * @since 0.1.0
 */
import { encode as msgpack } from "@msgpack/msgpack"
import { secp256k1 } from "@noble/curves/secp256k1.js"
import { keccak_256 } from "@noble/hashes/sha3.js"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import type { Signer, UnsignedRequest } from "../../kernel/Signer.js"

/**
 * What a Hyperliquid connector signs with: the agent (API) wallet's private key, the address of
 * the account it trades for, and optionally a vault or sub-account it acts on.
 * @since 0.1.0
 */
export interface HyperliquidCredentials {
  /** The agent wallet's 32-byte secp256k1 private key, hex (with or without `0x`). */
  readonly privateKey: Redacted.Redacted<string>
  /** The account (master wallet) address the agent trades for: `/info` queries use it. */
  readonly accountAddress: string
  /** A vault or sub-account to act on; orders are then that account's. */
  readonly vaultAddress?: string | undefined
}

/**
 * `a` signs for mainnet, `b` for testnet (and the sandbox, so that no sandbox signature is ever
 * valid on mainnet).
 * @since 0.1.0
 */
export type Source = "a" | "b"

/**
 * An ECDSA signature as the venue's JSON carries it.
 * @since 0.1.0
 */
export interface Signature {
  readonly r: string
  readonly s: string
  readonly v: number
}

const textBytes = (s: string) => new TextEncoder().encode(s)
const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex")
const concat = (...parts: ReadonlyArray<Uint8Array>): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}
const uint64 = (n: number): Uint8Array => {
  const out = new Uint8Array(8)
  new DataView(out.buffer).setBigUint64(0, BigInt(n))
  return out
}
const word = (n: bigint): Uint8Array => {
  const out = new Uint8Array(32)
  new DataView(out.buffer).setBigUint64(24, n)
  return out
}

/**
 * Parses a 20-byte address (`0x` + 40 hex digits, any case).
 * @since 0.1.0
 */
export const addressBytes = (address: string): Either.Either<Uint8Array, string> => {
  const hex = address.startsWith("0x") || address.startsWith("0X") ? address.slice(2) : address
  return /^[0-9a-fA-F]{40}$/.test(hex)
    ? Either.right(Uint8Array.from(Buffer.from(hex, "hex")))
    : Either.left(`"${address}" is not a 20-byte hex address`)
}

/**
 * The action hash (the phantom agent's `connectionId`).
 * @since 0.1.0
 */
export const actionHash = (
  action: unknown,
  vaultAddress: string | undefined,
  nonce: number,
  expiresAfter?: number | undefined
): Uint8Array => {
  const vault = vaultAddress === undefined
    ? Uint8Array.of(0)
    : concat(Uint8Array.of(1), Either.getOrThrowWith(addressBytes(vaultAddress), (e) => new Error(e)))
  const expiry = expiresAfter === undefined ? new Uint8Array(0) : concat(Uint8Array.of(0), uint64(expiresAfter))
  return keccak_256(concat(msgpack(action), uint64(nonce), vault, expiry))
}

const DOMAIN_TYPE = "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
const AGENT_TYPE = "Agent(string source,bytes32 connectionId)"

/**
 * `keccak256(typeHash(EIP712Domain) ‖ keccak("Exchange") ‖ keccak("1") ‖ 1337 ‖ 0x0…0)`.
 * @since 0.1.0
 */
export const domainSeparator: Uint8Array = keccak_256(concat(
  keccak_256(textBytes(DOMAIN_TYPE)),
  keccak_256(textBytes("Exchange")),
  keccak_256(textBytes("1")),
  word(1337n),
  new Uint8Array(32)
))

/**
 * The EIP-712 digest of the phantom agent: `keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(agent))`.
 * @since 0.1.0
 */
export const agentDigest = (source: Source, connectionId: Uint8Array): Uint8Array =>
  keccak_256(concat(
    Uint8Array.of(0x19, 0x01),
    domainSeparator,
    keccak_256(concat(keccak_256(textBytes(AGENT_TYPE)), keccak_256(textBytes(source)), connectionId))
  ))

/**
 * A private key as 32 bytes, if it is one (hex, with or without `0x`, a valid secp256k1 scalar).
 * @since 0.1.0
 */
export const privateKeyBytes = (privateKey: Redacted.Redacted<string>): Either.Either<Uint8Array, string> => {
  const text = Redacted.value(privateKey).trim()
  const hex = text.startsWith("0x") ? text.slice(2) : text
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return Either.left("the private key must be 32 bytes of hex")
  const bytes = Uint8Array.from(Buffer.from(hex, "hex"))
  return secp256k1.utils.isValidSecretKey(bytes)
    ? Either.right(bytes)
    : Either.left("the private key is not a valid secp256k1 key")
}

/**
 * The Ethereum address of a private key: the last 20 bytes of keccak-256 of the uncompressed
 * public key, lower case with `0x`.
 * @since 0.1.0
 */
export const addressOf = (key: Uint8Array): string =>
  "0x" + hexOf(keccak_256(secp256k1.getPublicKey(key, false).slice(1)).slice(12))

const pad32 = (hex: string) => "0x" + hex.padStart(64, "0")

/**
 * Signs an L1 action: the signature the `/exchange` body carries.
 * @since 0.1.0
 */
export const signL1Action = (
  key: Uint8Array,
  options: {
    readonly action: unknown
    readonly nonce: number
    readonly source: Source
    readonly vaultAddress?: string | undefined
    readonly expiresAfter?: number | undefined
  }
): Signature => {
  const digest = agentDigest(
    options.source,
    actionHash(options.action, options.vaultAddress, options.nonce, options.expiresAfter)
  )
  const sig = secp256k1.sign(digest, key, { prehash: false, format: "recovered" })
  return { r: pad32(hexOf(sig.slice(1, 33))), s: pad32(hexOf(sig.slice(33, 65))), v: 27 + sig[0]! }
}

/**
 * Hands out nonces: the request's timestamp (ms), or one more than the last nonce when the clock
 * has not moved past it (same millisecond, many requests in flight, or a backward clock step).
 * @since 0.1.0
 */
export const nonceSequence = () => {
  let last = -1
  return (timestamp: number): number => {
    last = Math.max(Math.floor(timestamp), last + 1)
    return last
  }
}

/**
 * The `/exchange` body the trading functions build: the action and its options; the signer adds
 * the nonce and signature.
 * @since 0.1.0
 */
export interface UnsignedExchangeBody {
  readonly action: unknown
  readonly vaultAddress?: string | undefined
  readonly expiresAfter?: number | undefined
}

/**
 * Checks credentials: the key is a secp256k1 private key, the addresses are addresses.
 * @since 0.1.0
 */
export const validate = (credentials: HyperliquidCredentials): Either.Either<HyperliquidCredentials, string> =>
  Either.gen(function*() {
    yield* privateKeyBytes(credentials.privateKey)
    yield* Either.mapLeft(addressBytes(credentials.accountAddress), (e) => `account address: ${e}`)
    if (credentials.vaultAddress !== undefined) {
      yield* Either.mapLeft(addressBytes(credentials.vaultAddress), (e) => `vault address: ${e}`)
    }
    return credentials
  })

/**
 * The signer the REST client uses: for a request to `/exchange` it reads the unsigned body
 * (`{ action, vaultAddress? }`), takes the next nonce, adds `expiresAfter` = the request's time +
 * `recvWindowMs` (the venue then refuses the action once that time has passed, so an ambiguous
 * placement is settled after it) and writes the signed body. Other requests (the unsigned `/info`)
 * pass through unchanged. `account` is the address reads name: the vault's when one is set.
 *
 * Credentials are checked when they are read (`validate`); a key that is not one leaves requests
 * unsigned, and the venue refuses them.
 * @since 0.1.0
 */
export const makeSigner = (credentials: HyperliquidCredentials, source: Source, recvWindowMs?: number): Signer => {
  const key = privateKeyBytes(credentials.privateKey)
  const nextNonce = nonceSequence()
  const passThrough = (request: UnsignedRequest) => ({ query: request.query, body: request.body, headers: {} })
  return {
    apiKey: Redacted.make(Either.isRight(key) ? addressOf(key.right) : "invalid key"),
    account: (credentials.vaultAddress ?? credentials.accountAddress).toLowerCase(),
    sign: (request) => {
      if (request.body === "" || Either.isLeft(key)) return passThrough(request)
      let unsigned: UnsignedExchangeBody
      try {
        unsigned = JSON.parse(request.body) as UnsignedExchangeBody
      } catch {
        return passThrough(request)
      }
      const nonce = nextNonce(request.timestamp)
      const vaultAddress = unsigned.vaultAddress ?? credentials.vaultAddress
      const expiresAfter = unsigned.expiresAfter ??
        (recvWindowMs === undefined ? undefined : Math.floor(request.timestamp) + recvWindowMs)
      const signature = signL1Action(key.right, { action: unsigned.action, nonce, source, vaultAddress, expiresAfter })
      const body = {
        action: unsigned.action,
        nonce,
        signature,
        ...(vaultAddress !== undefined ? { vaultAddress: vaultAddress.toLowerCase() } : {}),
        ...(expiresAfter !== undefined ? { expiresAfter } : {})
      }
      return { query: request.query, body: JSON.stringify(body), headers: {} }
    }
  }
}
