import { byTestId, errorSentence } from '../page';
import { startUserPage } from '../user-page';
import { loadMyMigration } from './my-migration';

/** "My migration": the signed-in user's own deprecated calls, and the change each client needs. */
startUserPage(async (_user, page) => {
  try {
    await loadMyMigration(byTestId('my-calls') as HTMLTableElement, byTestId('migration-summary'));
  } catch (error) {
    if (page.signedOutBy(error)) return;
    byTestId('migration-summary').textContent = errorSentence('your deprecated calls', error);
  }
});
