/** Run A and run B keep their colours everywhere in Compare (tags, neighbour lists, difference bars). */
export const COLOR_A = '#5aa9e6';
export const COLOR_B = '#e0a65a';
