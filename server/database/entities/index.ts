import { ChapterSchema } from './Chapter';
import { LedgerEntrySchema } from './LedgerEntry';
import { PlayerProgressSchema } from './PlayerProgress';
import { RefreshTokenSchema } from './RefreshToken';
import { StorySchema } from './Story';
import { UserSchema } from './User';
import { WalletSchema } from './Wallet';

export { Chapter } from './Chapter';
export { LedgerEntry, type Currency } from './LedgerEntry';
export { PlayerProgress, type ChoiceRecord } from './PlayerProgress';
export { RefreshToken } from './RefreshToken';
export { Story } from './Story';
export { User } from './User';
export { Wallet } from './Wallet';

export const allEntities = [UserSchema, RefreshTokenSchema, WalletSchema, LedgerEntrySchema, StorySchema, ChapterSchema, PlayerProgressSchema];
