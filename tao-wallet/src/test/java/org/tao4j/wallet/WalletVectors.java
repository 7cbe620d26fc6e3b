package org.tao4j.wallet;

import java.util.List;

/**
 * Our published vectors (docs/wallet.md): secret URI → ed25519 public key → SS58 (prefix 42).
 * Computed by this module and independently by polkadot.js ({@code @polkadot/keyring} 13,
 * {@code type: 'ed25519', ss58Format: 42}), which agree.
 */
final class WalletVectors {
    record Vector(String suri, String publicKey, String ss58) {}

    static final String ABOUT =
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

    static final List<Vector> ALL = List.of(
            new Vector(
                    ABOUT,
                    "0x9125f505bdef2cb5825b9931769316d3e2f22150786489a04f39b434ec9fb294",
                    "5FM25N8HGtacre9TnWQGRK32d1kUp1Gs6Dd7YiYpSPZLjmj6"),
            new Vector(
                    "legal winner thank year wave sausage worth useful legal winner thank yellow",
                    "0x7b4344ead732d6beeeded95d39e330ef0c16ae806046b296737dababb8a0b80d",
                    "5ErKjJLUyc8TTU2vNKrj5UciogZho2MDawb6nN2KG44aU1aB"),
            new Vector(
                    "scheme spot photo card baby mountain device kick cradle pact join borrow",
                    "0x80e2700882aecc4979add3aef6036955db85a882609d79670781423fa1ba0d94",
                    "5EyhFbRaxy3Joa1SQUd4EWnUJs4XEqKVAeqDrtbjtEy67bge"),
            new Vector(
                    "legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth"
                            + " useful legal will",
                    "0x1d0e0bfcb2f3938fed6ed098099b92ac7e70ffedbf67727556c7c1d829549d80",
                    "5CioREQdVah2hfh87okcrpTFAREWneyTRU5cQ3jXiBJuwpUK"),
            new Vector(
                    "horn tenant knee talent sponsor spell gate clip pulse soap slush warm silver nephew swap uncle"
                            + " crack brave",
                    "0x7c344fff42664c1745abbf21f4b17827e462601acb1ff51b9662409a4caf7da6",
                    "5EsZLNvM6nUThrphWxGY7gG3KyDtZJ1k3gGRuX5x7kgRiGge"),
            new Vector(
                    "legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth"
                            + " useful legal winner thank year wave sausage worth title",
                    "0x05e9cad0f7398f1821aa3006cf88e38cca03912c5a323165d7434897de203c5f",
                    "5CCTYhfrikUbuVHxXvFTbFFvSUgqzqZdmGyhDsjQdxGrzGWr"),
            new Vector(
                    "panda eyebrow bullet gorilla call smoke muffin taste mesh discover soft ostrich alcohol speed"
                            + " nation flash devote level hobby quick inner drive ghost inside",
                    "0x445b600b8bdd698aa8bd86524c100945a85fc52d6717822e66d35bdac95ea5f6",
                    "5DcLFtCtGMrEJCCmxkS9hhPAoxa6nmeyE563LKerfPZKdZZa"),
            new Vector(
                    KeyDerivation.DEV_PHRASE,
                    "0x345071da55e5dccefaaa440339415ef9f2663338a38f7da0df21be5ab4e055ef",
                    "5DFJF7tY4bpbpcKPJcBTQaKuCDEPCpiz8TRjpmLeTtweqmXL"),
            new Vector(
                    KeyDerivation.DEV_PHRASE + "//Alice",
                    "0x88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee",
                    "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu"),
            new Vector(
                    "//Alice///password",
                    "0x2818a78aba524c30f6054d7bf23dd78bc2d20c4111d00f6ba56a060e97e0d8d4",
                    "5CyH6YipquG9NzieEHAiVkvycghVdNiNxxYgQCBbzVyKMc1v"),
            new Vector(
                    ABOUT + "//0",
                    "0xae2e7e24f9c4e876543384bcae70564d0f71ddb3c4c1a038073ef85d5b8dc972",
                    "5G15zyNFvx63cvMkpqNu4KrQtQ8FERh2AK4dcAywnFMMf5nB"),
            new Vector(
                    ABOUT + "//tao//42",
                    "0x8c75111d8916667452dc75eb86c1ad0c60b97910fcc85d9317de248d07eb9b9a",
                    "5FEsLWPckYTZzcU3piZB3sDTNg8hW1vn2NXUwqSzVcneKvWa"),
            new Vector(
                    ABOUT + "///Substrate",
                    "0x08ea85c02d6a6de8ef0e0a0ab2c4b92088886c5009dd1e20a54f4bab118ffbb6",
                    "5CGPucdtecQrEqc5iuChLgmCYpH8VwARrAzbbsCfgxCR8dG5"),
            new Vector(
                    ABOUT + "//a-junction-name-longer-than-thirty-two-bytes",
                    "0x4729da3e9142b12e748acba4460e3dbc8a68e458c2ad94e2f98abbac02c15fe7",
                    "5Dg1gxdrfwC6NEjG6inEU6gLTKKmDJRczfMGnFeeWZxr5BCp"),
            new Vector(
                    "0x9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60//0",
                    "0x8db43d4a3f644e3ce410c7d03c19bc4a9bd2103435149f5013b596e79bb23562",
                    "5FGW9isL4k8wmaX2PLCfYyDdsMxVPW3UpoXE9TKk47zko4EN"));

    private WalletVectors() {}
}
