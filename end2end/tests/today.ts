// The school's "today" in every browser test (the server is started with SCHOOL_TODAY):
// the Monday before the April 20 checkup day, whatever day the tests run on.
export const SCHOOL_TODAY = "2027-04-19";
