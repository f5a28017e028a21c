/**
 * The tokenfeed wire protocol v1 (protocol.md): message model, error and close codes, address and decimal
 * validation, and the JSON codec shared by the server and the SDK.
 *
 * <p>Conventions of the model: messages are immutable records; an absent optional number is {@code -1} (every
 * protocol number is non-negative), an absent optional string or code is {@code null}, an absent list is empty.
 * {@link io.tokenfeed.protocol.JsonCodec} checks JSON types only; address and decimal validity are checked by the
 * receiver with {@link io.tokenfeed.protocol.TokenAddress} and {@link io.tokenfeed.protocol.DecimalString}, so that
 * bad entries can be rejected one by one while the rest of a request is applied.
 */
package io.tokenfeed.protocol;
