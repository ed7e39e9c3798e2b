/** The sandbox's media gateway account: the Stream-Server emulator accepts this App-Key only. */
export const SANDBOX_MEDIA_GATEWAY = {
	appKey: 'sandbox-rtc-appkey',
	clientType: 'WeChat-MiniProgram',
	clientVersion: '3.2.1',
	/** A VoIP token as a mini-program client would hold it. */
	token: 'sandbox-voip-token',
} as const;
