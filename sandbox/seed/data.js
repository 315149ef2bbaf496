'use strict';
// Static data for the demo seed: names, titles, company words, places, and HubSpot -> Zoho industry names.
/** Industries both sides know: HubSpot internal value -> Zoho picklist label (lib/sync/field-maps.ts). */
const INDUSTRY_MAP = {
	TELECOMMUNICATIONS: 'Communications',
	MANAGEMENT_CONSULTING: 'Consulting',
	EDUCATION_MANAGEMENT: 'Education',
	FINANCIAL_SERVICES: 'Financial Services',
	RETAIL: 'Retail',
	INFORMATION_TECHNOLOGY_AND_SERVICES: 'Technology',
	COMPUTER_NETWORKING: 'Network Equipment Enterprise',
	COMPUTER_SOFTWARE: 'ASP (Application Service Provider)',
	MECHANICAL_OR_INDUSTRIAL_ENGINEERING: 'Manufacturing',
};

const FIRST = ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Oliver', 'Sophia', 'Elijah', 'Isabella', 'James', 'Mia', 'Lucas', 'Amelia', 'Mateo', 'Harper', 'Ethan', 'Evelyn', 'Aiden', 'Priya', 'Arjun', 'Ananya', 'Rohan', 'Hannah', 'Jonas', 'Lena', 'Felix', 'Chloé', 'Hugo', 'Sofia', 'Marco', 'Yuki', 'Haruto', 'Mei', 'Wei', 'Fatima', 'Omar', 'Amara', 'Kwame', 'Zoe', 'Daniel', 'Grace', 'Samuel', 'Nora', 'Leo', 'Ingrid', 'Lars', 'Camila', 'Diego', 'Aisha', 'Tomás'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Martinez', 'Lopez', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Hall', 'Young', 'King', 'Wright', 'Scott', 'Green', 'Patel', 'Sharma', 'Iyer', 'Reddy', 'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Dubois', 'Moreau', 'Rossi', 'Bianchi', 'Tanaka', 'Sato', 'Nakamura', 'Chen', 'Wang', 'Okafor', 'Mensah', "O'Brien", 'Novak', 'Kowalski', 'Silva', 'Santos', 'Haddad', 'Nielsen', 'Larsen', 'Fernández', 'Kim'];
const TITLES = ['CEO', 'CTO', 'CFO', 'VP Sales', 'VP Marketing', 'Head of Operations', 'Sales Manager', 'Account Executive', 'Marketing Manager', 'Product Manager', 'Engineering Manager', 'Software Engineer', 'Office Manager', 'Procurement Lead', 'IT Director', 'Customer Success Manager', 'Business Analyst', 'Founder', 'Partner', 'Purchasing Manager'];
const CO_A = ['Blue', 'Bright', 'North', 'Silver', 'Green', 'Red', 'Summit', 'Pioneer', 'Quantum', 'Harbor', 'Cedar', 'Atlas', 'Nova', 'Iron', 'Golden', 'Clear', 'Swift', 'Prime', 'Urban', 'Lumen', 'Evergreen', 'Granite', 'Vertex', 'Coastal', 'Maple'];
const CO_B = ['River', 'Peak', 'Wave', 'Stone', 'Bridge', 'Field', 'Forge', 'Light', 'Path', 'Works', 'Signal', 'Grid', 'Leaf', 'Harvest', 'Point', 'Labs', 'Systems', 'Logic', 'Trail', 'Sky'];
const CO_SUFFIX = ['Inc.', 'LLC', 'Ltd', 'GmbH', 'Group', 'Corp.', 'Partners', 'Technologies', 'Solutions', 'Co.'];
const TLDS = ['com', 'com', 'com', 'io', 'net', 'co', 'de', 'co.uk', 'in'];
const FREE_MAIL = ['gmail.com', 'outlook.com', 'yahoo.com', 'proton.me', 'icloud.com'];
const STREETS = ['Main St', 'Oak Ave', 'Market St', 'Park Rd', 'High St', 'Elm St', 'Station Rd', 'Church Lane', 'Mill Rd', 'Lake View Dr', 'Hauptstraße', 'MG Road', 'King St', 'Queen St', 'Broadway'];
const PLACES = [
	{ city: 'Boston', state: 'MA', zip: '02110', country: 'United States', cc: '+1 617' },
	{ city: 'Austin', state: 'TX', zip: '78701', country: 'United States', cc: '+1 512' },
	{ city: 'San Francisco', state: 'CA', zip: '94105', country: 'United States', cc: '+1 415' },
	{ city: 'Chicago', state: 'IL', zip: '60601', country: 'United States', cc: '+1 312' },
	{ city: 'New York', state: 'NY', zip: '10001', country: 'United States', cc: '+1 212' },
	{ city: 'Seattle', state: 'WA', zip: '98101', country: 'United States', cc: '+1 206' },
	{ city: 'Toronto', state: 'ON', zip: 'M5H 2N2', country: 'Canada', cc: '+1 416' },
	{ city: 'London', state: 'England', zip: 'EC1A 1BB', country: 'United Kingdom', cc: '+44 20' },
	{ city: 'Manchester', state: 'England', zip: 'M1 1AE', country: 'United Kingdom', cc: '+44 161' },
	{ city: 'Berlin', state: 'Berlin', zip: '10115', country: 'Germany', cc: '+49 30' },
	{ city: 'Munich', state: 'Bavaria', zip: '80331', country: 'Germany', cc: '+49 89' },
	{ city: 'Bengaluru', state: 'Karnataka', zip: '560001', country: 'India', cc: '+91 80' },
	{ city: 'Mumbai', state: 'Maharashtra', zip: '400001', country: 'India', cc: '+91 22' },
	{ city: 'Sydney', state: 'NSW', zip: '2000', country: 'Australia', cc: '+61 2' },
	{ city: 'Paris', state: 'Île-de-France', zip: '75001', country: 'France', cc: '+33 1' },
];

const DAY = 86400000;
const HOUR = 3600000;

module.exports = { INDUSTRY_MAP, FIRST, LAST, TITLES, CO_A, CO_B, CO_SUFFIX, TLDS, FREE_MAIL, STREETS, PLACES, DAY, HOUR };
