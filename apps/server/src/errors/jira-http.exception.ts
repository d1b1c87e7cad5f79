// The exception lives in @tokenshift/shared/nest (the auth guards in libs/auth/core throw it too); this
// path is kept so branches written against it still compile. New code imports from @tokenshift/shared/nest.
export { JiraHttpException } from '@tokenshift/shared/nest';
