import { randomBytes } from 'node:crypto';

import { recordIssuedSecret } from '../secretLedger';

interface IssuedToken {
	developerId: string;
	serial: number;
	expiresAt: number;
}

type TokenLookup =
	| { valid: true; developerId: string; serial: number }
	| { valid: false; developerId?: string };

/**
 * Access tokens as the business gateway keeps them (docs/vendors/hst.md#access-token): 32 characters, a lifetime in
 * seconds, and exactly one valid token per developer account; issuing a new one invalidates the previous one.
 */
export class TokenRegistry {
	private readonly current = new Map<string, string>();
	private readonly tokens = new Map<string, IssuedToken>();
	private readonly issuedCount = new Map<string, number>();

	constructor(
		public lifetimeSeconds: number,
		private readonly now: () => number = Date.now,
	) {}

	issue(developerId: string): { token: string; timeout: number; serial: number } {
		const previous = this.current.get(developerId);
		if (previous) this.tokens.delete(previous);
		const token = randomBytes(16).toString('hex');
		recordIssuedSecret(token);
		const serial = (this.issuedCount.get(developerId) ?? 0) + 1;
		this.issuedCount.set(developerId, serial);
		this.tokens.set(token, {
			developerId,
			serial,
			expiresAt: this.now() + this.lifetimeSeconds * 1000,
		});
		this.current.set(developerId, token);
		return { token, timeout: this.lifetimeSeconds, serial };
	}

	lookup(token: string): TokenLookup {
		const issued = this.tokens.get(token);
		if (!issued) return { valid: false };
		if (issued.expiresAt <= this.now()) return { valid: false, developerId: issued.developerId };
		return { valid: true, developerId: issued.developerId, serial: issued.serial };
	}

	/** Ends the current token of one developer, or of all. */
	expire(developerId?: string): void {
		for (const [id, token] of this.current) {
			if (developerId === undefined || developerId === id) {
				const issued = this.tokens.get(token);
				if (issued) issued.expiresAt = 0;
			}
		}
	}

	/** As if another system of the same customer fetched a token: the one in use stops working. */
	rotate(developerId: string): void {
		this.issue(developerId);
	}

	issued(developerId: string): number {
		return this.issuedCount.get(developerId) ?? 0;
	}

	issuedByDeveloper(): Record<string, number> {
		return Object.fromEntries(this.issuedCount);
	}

	/** The raw current token, for the sandbox's own EGW login checks only. */
	currentToken(developerId: string): string | undefined {
		return this.current.get(developerId);
	}
}
