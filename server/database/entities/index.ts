import { AccountFlagSchema } from './AccountFlag';
import { ChapterSchema } from './Chapter';
import { LedgerEntrySchema } from './LedgerEntry';
import { PaymentEventSchema } from './PaymentEvent';
import { PaymentIntentRecordSchema } from './PaymentIntentRecord';
import { PlayerProgressSchema } from './PlayerProgress';
import { PurchaseSchema } from './Purchase';
import { RefreshTokenSchema } from './RefreshToken';
import { StorySchema } from './Story';
import { UserSchema } from './User';
import { WalletSchema } from './Wallet';

export { AccountFlag } from './AccountFlag';
export { Chapter } from './Chapter';
export { LedgerEntry, type Currency } from './LedgerEntry';
export { PaymentEvent } from './PaymentEvent';
export { PaymentIntentRecord } from './PaymentIntentRecord';
export { PlayerProgress, type ChoiceRecord } from './PlayerProgress';
export { Purchase, type PaymentProviderKind, type PurchaseStatus } from './Purchase';
export { RefreshToken } from './RefreshToken';
export { Story } from './Story';
export { User } from './User';
export { Wallet } from './Wallet';

export const allEntities = [UserSchema, RefreshTokenSchema, WalletSchema, LedgerEntrySchema, StorySchema, ChapterSchema, PlayerProgressSchema, PurchaseSchema, PaymentEventSchema, PaymentIntentRecordSchema, AccountFlagSchema];
