package io.tokenfeed.engine.simulator;

import java.util.Random;

/** Random but valid token addresses for the simulator: EVM (canonical lower case) and Solana (base58, 44 chars). */
final class AddressGenerator
{
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();

    private final Random random;

    AddressGenerator(final Random random)
    {
        this.random = random;
    }

    String evm()
    {
        final char[] chars = new char[42];
        chars[0] = '0';
        chars[1] = 'x';
        for (int i = 2; i < chars.length; i++)
        {
            chars[i] = HEX[random.nextInt(HEX.length)];
        }
        return new String(chars);
    }

    String solana()
    {
        final char[] chars = new char[44];
        for (int i = 0; i < chars.length; i++)
        {
            chars[i] = BASE58[random.nextInt(BASE58.length)];
        }
        return new String(chars);
    }
}
