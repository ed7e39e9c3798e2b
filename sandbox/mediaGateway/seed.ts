/** The sandbox's media gateway account: the Stream-Server emulator accepts this App-Key only. */
export const SANDBOX_MEDIA_GATEWAY = {
	appKey: 'sandbox-rtc-appkey',
	clientType: 'WeChat-MiniProgram',
	clientVersion: '3.2.1',
	/** A VoIP token as a mini-program client would hold it. */
	token: 'sandbox-voip-token',
} as const;

/**
 * The sandbox's "app server": what issues Signed Client Tokens to mini-program clients. Its ES256 key pair
 * (n8n's credential holds the public key) and an HS256 secret, made for the sandbox and used nowhere else.
 */
export const SANDBOX_CLIENT_TOKEN = {
	issuer: 'sandbox-app-server',
	audience: 'media-gateway',
	lifetimeSeconds: 300,
	es256: {
		privateKey: `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgW15OSwddOMQouQZp
0VqKMc5LzLu7xRNntrHghqwt5M+hRANCAARrhaV40Cb6+9vbCfYVZqzex6MrRLle
dYlR9mLeEHzlEzsjPK9erlo4osYo23SFvzGSCvdRw2LBaUMNkADSo2cq
-----END PRIVATE KEY-----
`,
		publicKey: `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEa4WleNAm+vvb2wn2FWas3sejK0S5
XnWJUfZi3hB85RM7IzyvXq5aOKLGKNt0hb8xkgr3UcNiwWlDDZAA0qNnKg==
-----END PUBLIC KEY-----
`,
	},
	hs256Secret: 'ctEb7DbGyZT8qiKCch9VsO3AdbymffdRf7lpATaetZxPsE3Z',
} as const;

/** The Client Token credential that verifies the sandbox app server's tokens (ES256, issuer and audience checked). */
export const SANDBOX_CLIENT_TOKEN_CREDENTIAL = {
	algorithm: 'ES256',
	publicKey: SANDBOX_CLIENT_TOKEN.es256.publicKey,
	issuer: SANDBOX_CLIENT_TOKEN.issuer,
	audience: SANDBOX_CLIENT_TOKEN.audience,
	clockTolerance: 30,
} as const;

/** What a Stream-Server of the sandbox sends a Media Gateway Trigger set to Shared Secret. */
export const SANDBOX_GATEWAY_SECRET = {
	headerName: 'X-Gateway-Secret',
	secret: 'U3zPI57pVUfx_HXqwV_tZI1bQ3lKGw1k',
} as const;
