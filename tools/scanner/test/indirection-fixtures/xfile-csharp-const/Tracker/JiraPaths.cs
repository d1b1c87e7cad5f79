namespace Tracker
{
    public static class JiraPaths
    {
        public const string Auth = "/rest/auth/1";
    }
}
