/** Valid answers for each step of the request form, as the pages post them. */
export const GOOD: Record<string, Record<string, string | string[]>> = {
  academicProgress: { setting: 'Dovelands Primary School', yearGroup: 'year-5', attainment: 'Working towards the expected standard in reading.', progress: 'Slow progress over two terms.' },
  senNeeds: { primaryNeed: 'cognition-learning', areasOfNeed: ['cognition-learning'], cognitionNeeds: 'Specific learning difficulty (dyslexia).' },
  actionTaken: {
    'senSupportSince-day': '1',
    'senSupportSince-month': '9',
    'senSupportSince-year': '2023',
    supportProvided: 'Daily phonics in a group of three.',
    impact: 'Reading age up six months.',
    reviews: 'Termly reviews with parents.',
    specialistAdvice: 'no',
    whyNeeded: 'Needs exceed what the school can provide.',
  },
  over18s: { isOver18: 'no' },
  documentation: {},
  discussedWith: {
    parentsAgree: 'yes',
    'contacts-items': '1',
    'contacts-0-name': 'Mary Apple',
    'contacts-0-contactDetails': '1 Pindar Road, Leicester. 0116 000 0000',
    'contacts-0-discussedOn-day': '2',
    'contacts-0-discussedOn-month': '3',
    'contacts-0-discussedOn-year': '2024',
    views: 'August would like help with reading.',
  },
};

