namespace FlashSale.Client.Auth;

/// <summary>How shoppers prove who they are (<c>FlashSale:Auth:ShopperSignIn</c>).</summary>
public enum ShopperSignIn
{
    /// <summary>A one-time code mailed to the address: only its owner gets a token.</summary>
    Code,

    /// <summary>Any email gets a token at once, unverified: rehearsals and local play only.</summary>
    Open,
}
