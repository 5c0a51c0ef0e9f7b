/**
 * How the venue authenticates an `/exchange` request, reimplemented on the server side (it never
 * shares code with the client's signer): the action hash from the msgpack encoding of the action as
 * received, the nonce, vault and expiry; the EIP-712 digest of the phantom agent; and the signer's
 * address recovered from `(r, s, v)`. The venue accepts the request when that address is the
 * account's own or an agent the account approved.
 *
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/signing
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/nonces-and-api-wallets
 *
 * @since 0.1.0
 */
import { encode } from "@msgpack/msgpack"
import { secp256k1 } from "@noble/curves/secp256k1.js"
import { keccak_256 } from "@noble/hashes/sha3.js"

const utf8 = new TextEncoder()
const bytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex.replace(/^0x/i, ""), "hex"))
const join = (parts: ReadonlyArray<Uint8Array>): Uint8Array => Uint8Array.from(Buffer.concat(parts))
const bigEndian = (n: bigint, length: number): Uint8Array => bytes(n.toString(16).padStart(length * 2, "0"))

/** One EIP-712 field type this venue's agent struct and domain use. */
type FieldType = "string" | "uint256" | "address" | "bytes32"
type Field = readonly [name: string, type: FieldType]
type Value = string | bigint | Uint8Array

const typeString = (name: string, fields: ReadonlyArray<Field>) =>
  `${name}(${fields.map(([n, t]) => `${t} ${n}`).join(",")})`

const encodeField = (type: FieldType, value: Value): Uint8Array => {
  switch (type) {
    case "string":
      return keccak_256(utf8.encode(value as string))
    case "uint256":
      return bigEndian(value as bigint, 32)
    case "address":
      return join([new Uint8Array(12), bytes(value as string)])
    case "bytes32":
      return value as Uint8Array
  }
}

/** `hashStruct(s) = keccak256(typeHash ‖ encodeData(s))` (EIP-712). */
const hashStruct = (name: string, fields: ReadonlyArray<Field>, values: Record<string, Value>): Uint8Array =>
  keccak_256(join([
    keccak_256(utf8.encode(typeString(name, fields))),
    ...fields.map(([n, t]) => encodeField(t, values[n]!))
  ]))

const DOMAIN: ReadonlyArray<Field> = [
  ["name", "string"],
  ["version", "string"],
  ["chainId", "uint256"],
  ["verifyingContract", "address"]
]
const AGENT: ReadonlyArray<Field> = [["source", "string"], ["connectionId", "bytes32"]]

const domainHash = hashStruct("EIP712Domain", DOMAIN, {
  name: "Exchange",
  version: "1",
  chainId: 1337n,
  verifyingContract: "0x0000000000000000000000000000000000000000"
})

/**
 * The hash the phantom agent's `connectionId` carries.
 * @since 0.1.0
 */
export const connectionId = (
  action: unknown,
  nonce: number,
  vaultAddress: string | undefined,
  expiresAfter: number | undefined
): Uint8Array =>
  keccak_256(join([
    encode(action),
    bigEndian(BigInt(nonce), 8),
    vaultAddress === undefined ? Uint8Array.of(0) : join([Uint8Array.of(1), bytes(vaultAddress)]),
    expiresAfter === undefined ? new Uint8Array(0) : join([Uint8Array.of(0), bigEndian(BigInt(expiresAfter), 8)])
  ]))

/**
 * The signed message: `keccak256(0x19 0x01 ‖ domain ‖ hashStruct(Agent))`.
 * @since 0.1.0
 */
export const digest = (source: "a" | "b", id: Uint8Array): Uint8Array =>
  keccak_256(join([Uint8Array.of(0x19, 0x01), domainHash, hashStruct("Agent", AGENT, { source, connectionId: id })]))

/**
 * The address (lower case, `0x`) of the public key that made the signature, or `undefined` when
 * the signature is not a valid secp256k1 signature at all.
 * @since 0.1.0
 */
export const recoverAddress = (
  message: Uint8Array,
  signature: { readonly r: string; readonly s: string; readonly v: number }
): string | undefined => {
  const hex = /^0x[0-9a-fA-F]{1,64}$/
  if (!hex.test(signature.r) || !hex.test(signature.s) || (signature.v !== 27 && signature.v !== 28)) {
    return undefined
  }
  try {
    const recovered = join([
      Uint8Array.of(signature.v - 27),
      bigEndian(BigInt(signature.r), 32),
      bigEndian(BigInt(signature.s), 32)
    ])
    const point = secp256k1.recoverPublicKey(recovered, message, { prehash: false })
    const uncompressed = secp256k1.Point.fromBytes(point).toBytes(false)
    return "0x" + Buffer.from(keccak_256(uncompressed.slice(1)).slice(12)).toString("hex")
  } catch {
    return undefined
  }
}

/**
 * The address of a private key (used when the sandbox issues wallets).
 * @since 0.1.0
 */
export const walletAddress = (privateKey: Uint8Array): string =>
  "0x" + Buffer.from(keccak_256(secp256k1.getPublicKey(privateKey, false).slice(1)).slice(12)).toString("hex")

/**
 * Whether 32 bytes are a usable private key.
 * @since 0.1.0
 */
export const isPrivateKey = (key: Uint8Array): boolean => secp256k1.utils.isValidSecretKey(key)
